/**
 * Thread-safe generators of RFC 9562 UUIDs: random (version 4), time-based (version 1) and
 * time-ordered (version 7).
 */
@NullMarked
package org.slimta.system.uuid;

import org.jspecify.annotations.NullMarked;
