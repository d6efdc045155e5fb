package org.slimta.system.startup;

import java.util.List;

/**
 * A profile expression of {@code spring.config.activate.on-profile} ({@code prod},
 * {@code !dev}, {@code prod & eu}, {@code (a | b) & !c}) evaluated against active profiles.
 */
final class ProfileExpression {

	private final String text;

	private final List<String> active;

	private int position;

	ProfileExpression(String text, List<String> active) {
		this.text = text;
		this.active = active;
	}

	boolean matches() {
		boolean result = or();
		skipBlanks();
		if (this.position != this.text.length()) {
			throw new IllegalArgumentException("malformed profile expression '" + this.text + "'");
		}
		return result;
	}

	private boolean or() {
		boolean result = and();
		while (accept('|')) {
			result |= and();
		}
		return result;
	}

	private boolean and() {
		boolean result = not();
		while (accept('&')) {
			result &= not();
		}
		return result;
	}

	private boolean not() {
		if (accept('!')) {
			return !not();
		}
		if (accept('(')) {
			boolean result = or();
			if (!accept(')')) {
				throw new IllegalArgumentException("malformed profile expression '" + this.text + "'");
			}
			return result;
		}
		skipBlanks();
		int start = this.position;
		while (this.position < this.text.length() && "|&!() ".indexOf(this.text.charAt(this.position)) < 0) {
			this.position++;
		}
		if (start == this.position) {
			throw new IllegalArgumentException("malformed profile expression '" + this.text + "'");
		}
		return this.active.contains(this.text.substring(start, this.position));
	}

	private boolean accept(char c) {
		skipBlanks();
		if (this.position < this.text.length() && this.text.charAt(this.position) == c) {
			this.position++;
			return true;
		}
		return false;
	}

	private void skipBlanks() {
		while (this.position < this.text.length() && this.text.charAt(this.position) == ' ') {
			this.position++;
		}
	}

}
