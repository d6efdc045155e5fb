/**
 * Wiring of signals as {@code SignalEvent}s: the relaunch for signalfd checked against the
 * configuration, the signal source chosen, the runtime of {@code org.slimta.system.boot.internal.signal}
 * and {@code org.slimta.system.boot.internal.reload} declared, and the failure analysis of a signalfd that
 * cannot work. Logs through {@code org.slimta.system.signal}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.autoconfigure.internal.signal;

import org.jspecify.annotations.NullMarked;
