package org.slimta.system.internal.socket;

/**
 * A web server cannot serve on a socket systemd passed, or no socket was passed for it: the
 * application must not start, and must not bind a port of its own in its place.
 */
public class InheritedSocketUnusableException extends RuntimeException {

	private final String socket;

	private final String fix;

	/**
	 * Create a new instance.
	 * @param socket which socket, for example {@code descriptor 3 (http)}
	 * @param problem what is wrong with it
	 * @param fix what to do
	 */
	public InheritedSocketUnusableException(String socket, String problem, String fix) {
		super(socket + ": " + problem);
		this.socket = socket;
		this.fix = fix;
	}

	/**
	 * Which socket.
	 * @return its descriptor and name
	 */
	public String getSocket() {
		return this.socket;
	}

	/**
	 * What to do.
	 * @return the fix
	 */
	public String getFix() {
		return this.fix;
	}

}
