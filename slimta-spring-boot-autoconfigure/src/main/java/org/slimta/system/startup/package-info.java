/**
 * The properties Spring Boot will read, read before it starts (command line, system properties,
 * environment and configuration files), for the decisions taken at the first moment of a JVM.
 */
@NullMarked
package org.slimta.system.startup;

import org.jspecify.annotations.NullMarked;
