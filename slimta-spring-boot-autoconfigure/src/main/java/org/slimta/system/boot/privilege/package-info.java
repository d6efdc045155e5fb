/**
 * The privilege drop at run time: the drop once every web server listens, the request gates that
 * hold requests until then, and its health detail; logs through {@code
 * org.slimta.system.privilege}.
 */
@NullMarked
package org.slimta.system.boot.privilege;

import org.jspecify.annotations.NullMarked;
