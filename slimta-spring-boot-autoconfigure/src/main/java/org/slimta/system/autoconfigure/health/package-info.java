/**
 * Wiring of the {@code slimta} health component, when Spring Boot's health support is present.
 */
package org.slimta.system.autoconfigure.health;
