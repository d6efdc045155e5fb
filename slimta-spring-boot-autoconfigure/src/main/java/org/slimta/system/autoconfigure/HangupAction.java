package org.slimta.system.autoconfigure;

/**
 * What SIGHUP does beyond its {@link org.slimta.system.signal.SignalEvent}, run after the event's
 * listeners.
 */
interface HangupAction {

	void afterHangup();

}
