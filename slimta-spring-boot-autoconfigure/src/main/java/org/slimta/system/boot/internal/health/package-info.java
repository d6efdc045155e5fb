/**
 * The {@code slimta} health indicator: who the process is and the state of each feature.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 */
@NullMarked
package org.slimta.system.boot.internal.health;

import org.jspecify.annotations.NullMarked;
