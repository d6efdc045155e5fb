/**
 * Wiring of daemon mode, the pid file and systemd: the detach before the application starts, the
 * pid file written and locked, the runtime of {@code org.slimta.system.boot.internal.daemon} declared, and
 * the failure analysis of each. Logs through {@code org.slimta.system.daemon}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.autoconfigure.internal.daemon;

import org.jspecify.annotations.NullMarked;
