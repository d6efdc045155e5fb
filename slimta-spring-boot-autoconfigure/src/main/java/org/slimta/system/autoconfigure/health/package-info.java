/**
 * The {@code slimta} health component: who the process is and the state of each feature.
 */
package org.slimta.system.autoconfigure.health;
