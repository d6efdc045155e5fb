package org.slimta.system.daemon;

/**
 * Whether the process reports its state to systemd through {@code sd_notify}.
 *
 * @since 0.1.0
 */
public enum NotifyMode {

	/** Report when systemd asked for it by setting {@code NOTIFY_SOCKET}. */
	AUTO,

	/** Never report, even when {@code NOTIFY_SOCKET} is set. */
	NEVER

}
