package org.slimta.system.internal;

/**
 * Thrown when a setting has a value the system helpers cannot use; says what was wrong and which
 * values are accepted, so that the message can tell the user how to fix it.
 */
public class InvalidValueException extends IllegalArgumentException {

	private final String value;

	private final String problem;

	private final String accepted;

	/**
	 * Create a new exception.
	 * @param value the rejected value, as given
	 * @param problem what is wrong with it
	 * @param accepted a description of the accepted values
	 */
	public InvalidValueException(String value, String problem, String accepted) {
		super(problem + "; accepted: " + accepted);
		this.value = value;
		this.problem = problem;
		this.accepted = accepted;
	}

	/** The rejected value, as given. */
	public String getValue() {
		return this.value;
	}

	/** What is wrong with the value. */
	public String getProblem() {
		return this.problem;
	}

	/** A description of the accepted values. */
	public String getAccepted() {
		return this.accepted;
	}

}
