package org.slimta.system.internal.socket;

/**
 * One listening socket systemd passed to this process.
 *
 * @param fd its descriptor (3 and up, in the order of the {@code .socket} unit)
 * @param name its name from {@code LISTEN_FDNAMES} ({@code FileDescriptorName=} of the unit),
 * {@code unknown} where systemd gave none, as {@code sd_listen_fds_with_names(3)} reports it
 */
public record InheritedSocket(int fd, String name) {

	@Override
	public String toString() {
		return "descriptor " + this.fd + " (" + this.name + ")";
	}

}
