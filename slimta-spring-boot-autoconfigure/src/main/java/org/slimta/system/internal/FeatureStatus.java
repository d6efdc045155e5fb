package org.slimta.system.internal;

/**
 * The state of one feature (signals, privileges, daemon) as the health component shows it: the
 * feature reports its own state, and the health component only reads it.
 */
public interface FeatureStatus {

	/**
	 * The health detail this status fills, for example {@code signals}.
	 * @return the detail's key
	 */
	String detail();

	/**
	 * The current value of the detail, for example {@code signalfd}.
	 * @return the value
	 */
	Object value();

	/**
	 * Whether the feature was configured and failed, which makes the application's health DOWN.
	 * @return whether it failed
	 */
	boolean failed();

}
