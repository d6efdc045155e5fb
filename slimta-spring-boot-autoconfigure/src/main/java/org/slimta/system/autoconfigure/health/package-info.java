/**
 * Wiring of the {@code slimta} health component, when Spring Boot's health support is present.
 */
@NullMarked
package org.slimta.system.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
