package org.slimta.system.boot.internal.daemon;

import org.slimta.system.internal.FeatureStatus;

/**
 * The {@code daemon} health detail: {@code true} in the detached process of daemon mode.
 */
public final class DaemonStatus implements FeatureStatus {

	private final boolean daemon;

	/**
	 * Create the status.
	 * @param daemon whether this is the detached process of daemon mode
	 */
	public DaemonStatus(boolean daemon) {
		this.daemon = daemon;
	}

	@Override
	public String detail() {
		return "daemon";
	}

	@Override
	public Object value() {
		return this.daemon;
	}

	@Override
	public boolean failed() {
		return false;
	}

}
