/**
 * Signals as {@code SignalEvent}s: the relaunch for signalfd checked against the configuration,
 * the signal source, the dispatch of each signal to the listeners, and the graceful shutdown a
 * shutdown signal begins. Logs through {@code org.slimta.system.signal}.
 */
@NullMarked
package org.slimta.system.autoconfigure.signal;

import org.jspecify.annotations.NullMarked;
