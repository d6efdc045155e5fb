/**
 * Wiring of daemon mode, the pid file and systemd: the detach before the application starts, the
 * pid file written and locked, the runtime of {@code org.slimta.system.boot.daemon} declared, and
 * the failure analysis of each. Logs through {@code org.slimta.system.daemon}.
 */
@NullMarked
package org.slimta.system.autoconfigure.daemon;

import org.jspecify.annotations.NullMarked;
