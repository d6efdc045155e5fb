/**
 * Micrometer meters of the signals received and of the time their listeners took.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.metrics;

import org.jspecify.annotations.NullMarked;
