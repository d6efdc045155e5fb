/**
 * The {@code slimta} health component: who the process is and the state of each feature.
 */
@NullMarked
package org.slimta.system.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
