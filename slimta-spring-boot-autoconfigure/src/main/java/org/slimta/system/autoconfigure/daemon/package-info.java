/**
 * Daemon mode, the pid file and systemd: the detach before the application starts, the readiness
 * reported to the launcher, the pid file written and locked, {@code sd_notify} states and the
 * watchdog, and the failure analysis of each. Logs through {@code org.slimta.system.daemon}.
 */
@NullMarked
package org.slimta.system.autoconfigure.daemon;

import org.jspecify.annotations.NullMarked;
