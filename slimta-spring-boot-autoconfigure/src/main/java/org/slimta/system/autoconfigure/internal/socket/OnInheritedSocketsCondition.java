package org.slimta.system.autoconfigure.internal.socket;

import org.slimta.system.internal.socket.InheritedSockets;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether systemd passed listening sockets to this process: {@code LISTEN_PID} is this process and
 * {@code LISTEN_FDS} is set.
 */
public class OnInheritedSocketsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return InheritedSockets.passed()
				? ConditionOutcome.match("LISTEN_PID is this process and LISTEN_FDS is set")
				: ConditionOutcome.noMatch("systemd passed no sockets to this process (LISTEN_PID, LISTEN_FDS)");
	}

}
