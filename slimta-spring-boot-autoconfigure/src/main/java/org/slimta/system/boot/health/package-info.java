/**
 * The {@code slimta} health indicator: who the process is and the state of each feature.
 */
@NullMarked
package org.slimta.system.boot.health;

import org.jspecify.annotations.NullMarked;
