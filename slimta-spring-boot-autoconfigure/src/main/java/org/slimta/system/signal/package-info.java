/**
 * Signals without Spring: the relaunch that prepares a JVM for {@code signalfd}, the sources that
 * read signals from it or from the JVM's handlers, the thread per signal that handles them, and
 * the launcher of children with a clean signal state.
 * <p>
 * Applications name {@link ChildProcessLauncher}, {@link Signal}, {@link SignalBackend},
 * {@link SignalEvent}; the implementation is in {@code org.slimta.system.internal.signal}, which
 * is internal.
 */
@NullMarked
package org.slimta.system.signal;

import org.jspecify.annotations.NullMarked;
