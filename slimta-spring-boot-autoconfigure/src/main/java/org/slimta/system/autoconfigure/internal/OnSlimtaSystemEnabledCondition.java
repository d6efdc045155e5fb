package org.slimta.system.autoconfigure.internal;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The master switch {@value #PROPERTY}, read one way wherever it is read: by the
 * auto-configurations through {@link ConditionalOnSlimtaSystemEnabled}, and through
 * {@link #isEnabled} by what runs before any of them.
 */
public final class OnSlimtaSystemEnabledCondition extends SpringBootCondition {

	/** The master switch. */
	public static final String PROPERTY = "slimta.system.enabled";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSlimtaSystemEnabled.class);
		try {
			return isEnabled(context.getEnvironment()) ? ConditionOutcome.match(message.because(PROPERTY + " is not false"))
					: ConditionOutcome.noMatch(message.because(PROPERTY + " is false"));
		}
		catch (ConversionException ex) {
			// A malformed switch: the binding of slimta.system.* explains it, which needs this to match.
			return ConditionOutcome.match(message.because(PROPERTY + " is not a boolean"));
		}
	}

	/**
	 * Whether the system helpers are on.
	 * @param properties where to read the switch
	 * @return whether {@value #PROPERTY} is anything but {@code false}
	 * @throws ConversionException if the switch is not a boolean
	 */
	public static boolean isEnabled(PropertyResolver properties) {
		return properties.getProperty(PROPERTY, Boolean.class, true);
	}

}
