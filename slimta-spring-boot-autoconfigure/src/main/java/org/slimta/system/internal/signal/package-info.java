/**
 * Signals without Spring: the relaunch that prepares a JVM for {@code signalfd}, the sources that
 * read signals from it or from the JVM's handlers, the thread per signal that handles them, and
 * the launcher of children with a clean signal state.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.internal.signal;

import org.jspecify.annotations.NullMarked;
