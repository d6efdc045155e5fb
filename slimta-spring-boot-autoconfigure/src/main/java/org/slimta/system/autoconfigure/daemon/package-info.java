/**
 * Wiring of daemon mode, the pid file and systemd: the detach before the application starts, the
 * pid file written and locked, the runtime of {@code org.slimta.system.boot.internal.daemon} declared, and
 * the failure analysis of each. Logs through {@code org.slimta.system.daemon}.
 * <p>
 * Applications name {@link DaemonAutoConfiguration}, {@link PidFileAutoConfiguration},
 * {@link SystemdNotifyAutoConfiguration}; the implementation is in
 * {@code org.slimta.system.autoconfigure.internal.daemon}, which is internal.
 */
@NullMarked
package org.slimta.system.autoconfigure.daemon;

import org.jspecify.annotations.NullMarked;
