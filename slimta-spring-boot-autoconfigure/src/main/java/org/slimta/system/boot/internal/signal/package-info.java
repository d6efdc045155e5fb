/**
 * What the application does with each signal it takes, while it runs: the source read for as long
 * as the context runs, the {@code SignalEvent} published, and the graceful shutdown a shutdown
 * signal begins; logs through {@code org.slimta.system.signal}.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.signal;

import org.jspecify.annotations.NullMarked;
