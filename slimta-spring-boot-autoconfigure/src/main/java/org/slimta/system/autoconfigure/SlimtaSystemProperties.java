package org.slimta.system.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slimta.system.autoconfigure.internal.ShutdownSignalsNotHandledException;
import org.slimta.system.signal.Signal;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the system helpers: signals, privileges, daemon mode and UUIDs. An unknown
 * property under {@code slimta.system} fails startup: a misspelt {@code privileges.user} must not
 * leave the application running as root. Each group is a class of its own
 * ({@link SignalsProperties}, {@link PrivilegesProperties}, {@link DaemonProperties},
 * {@link UuidProperties}, {@link SocketsProperties}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "slimta.system", ignoreUnknownFields = false)
public class SlimtaSystemProperties implements InitializingBean {

	/**
	 * Whether to enable the system helpers at all.
	 */
	private boolean enabled = true;

	@NestedConfigurationProperty
	private final SignalsProperties signals = new SignalsProperties();

	@NestedConfigurationProperty
	private final PrivilegesProperties privileges = new PrivilegesProperties();

	@NestedConfigurationProperty
	private final DaemonProperties daemon = new DaemonProperties();

	@NestedConfigurationProperty
	private final UuidProperties uuid = new UuidProperties();

	@NestedConfigurationProperty
	private final SocketsProperties sockets = new SocketsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public SignalsProperties getSignals() {
		return this.signals;
	}

	public PrivilegesProperties getPrivileges() {
		return this.privileges;
	}

	public DaemonProperties getDaemon() {
		return this.daemon;
	}

	public UuidProperties getUuid() {
		return this.uuid;
	}

	public SocketsProperties getSockets() {
		return this.sockets;
	}

	@Override
	public void afterPropertiesSet() {
		validate();
	}

	/**
	 * Check what no single property can check on its own; run wherever {@code slimta.system} is
	 * bound.
	 * @throws ShutdownSignalsNotHandledException if {@code signals.shutdown-on} names a signal
	 * that {@code signals.handled} does not
	 */
	void validate() {
		Set<Signal> notHandled = new LinkedHashSet<>(this.signals.getShutdownOn());
		notHandled.removeAll(this.signals.getHandled());
		if (!notHandled.isEmpty()) {
			throw new ShutdownSignalsNotHandledException(notHandled, this.signals.getHandled(),
					this.signals.getShutdownOn());
		}
	}

}
