package org.slimta.system.boot.internal.reload;

import java.util.List;

/**
 * What SIGHUP begins once its listeners ran: each {@link HangupAction} in its order, recorded into
 * a {@link Reload}, which {@link ReloadStatus} logs and shows. An action that throws is recorded
 * as failed; the later ones still run.
 */
public class HangupReload {

	private final List<HangupAction> actions;

	private final ReloadStatus status;

	/**
	 * Create the reload.
	 * @param actions the actions, in their order
	 * @param status where the outcome goes
	 */
	public HangupReload(List<HangupAction> actions, ReloadStatus status) {
		this.actions = List.copyOf(actions);
		this.status = status;
	}

	/**
	 * Run every action after a SIGHUP.
	 * @param senderPid the process that sent SIGHUP, {@code 0} where unknown
	 */
	public void run(int senderPid) {
		Reload reload = new Reload(senderPid);
		for (HangupAction action : this.actions) {
			try {
				action.afterHangup(reload);
			}
			catch (RuntimeException ex) {
				reload.failed(action.getClass().getSimpleName(), "the later steps still ran", ex);
			}
		}
		this.status.finish(reload);
	}

}
