/**
 * Wiring of signals as {@code SignalEvent}s: the relaunch for signalfd checked against the
 * configuration, the signal source chosen, the runtime of {@code org.slimta.system.boot.signal}
 * and {@code org.slimta.system.boot.reload} declared, and the failure analysis of a signalfd that
 * cannot work. Logs through {@code org.slimta.system.signal}.
 */
@NullMarked
package org.slimta.system.autoconfigure.signal;

import org.jspecify.annotations.NullMarked;
