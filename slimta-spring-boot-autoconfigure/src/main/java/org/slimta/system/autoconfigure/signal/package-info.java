/**
 * Wiring of signals as {@code SignalEvent}s: the relaunch for signalfd checked against the
 * configuration, the signal source chosen, the runtime of {@code org.slimta.system.boot.internal.signal}
 * and {@code org.slimta.system.boot.internal.reload} declared, and the failure analysis of a signalfd that
 * cannot work. Logs through {@code org.slimta.system.signal}.
 * <p>
 * Applications name {@link SignalAutoConfiguration}; the implementation is in
 * {@code org.slimta.system.autoconfigure.internal.signal}, which is internal.
 */
@NullMarked
package org.slimta.system.autoconfigure.signal;

import org.jspecify.annotations.NullMarked;
