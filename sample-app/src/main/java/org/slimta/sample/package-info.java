/**
 * A web application that uses slimta-spring-boot-starter as any user would, with endpoints that
 * show what the starter does: signals taken, privileges dropped, UUIDs generated, children started.
 */
@NullMarked
package org.slimta.sample;

import org.jspecify.annotations.NullMarked;
