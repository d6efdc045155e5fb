package org.slimta.system.autoconfigure.daemon;

import org.slimta.system.FeatureStatus;

/**
 * The {@code daemon} health detail: {@code true} in the detached process of daemon mode.
 */
final class DaemonStatus implements FeatureStatus {

	private final boolean daemon;

	DaemonStatus(boolean daemon) {
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
