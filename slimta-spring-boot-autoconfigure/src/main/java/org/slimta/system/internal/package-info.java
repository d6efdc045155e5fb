/**
 * What every feature of the system helpers shares: the identity of the process, the state a feature
 * reports to the health, and the failure of a setting whose value cannot be used.
 * <p>
 * Internal: not API, may change in any release. Applications use the types of the packages
 * without {@code internal} in their name.
 * <p>
 * The internal packages: {@code org.slimta.system.internal.*} is the Spring-free core (native
 * calls in {@code posix}, signals, privileges, daemon mode, logging files), one package per
 * concern; {@code org.slimta.system.autoconfigure.internal.*} is the Spring Boot wiring (binding,
 * conditions, environment post-processors, failure analyzers) and
 * {@code org.slimta.system.boot.internal.*} the runtime pieces it declares. The API is in the same
 * packages without {@code internal}: {@code org.slimta.system.signal}, {@code .uuid},
 * {@code .daemon}, {@code .autoconfigure} and its sub-packages.
 */
@NullMarked
package org.slimta.system.internal;

import org.jspecify.annotations.NullMarked;
