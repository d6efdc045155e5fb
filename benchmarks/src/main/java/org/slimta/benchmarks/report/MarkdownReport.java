package org.slimta.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report: one Markdown table per section, with a sentence that says what was measured.
 */
final class MarkdownReport {

	private final List<String> lines = new ArrayList<>();

	void section(String title, String method, String... columns) {
		if (!this.lines.isEmpty()) {
			this.lines.add("");
		}
		this.lines.add("### " + title);
		this.lines.add("");
		this.lines.add(method);
		this.lines.add("");
		this.lines.add("| " + String.join(" | ", columns) + " |");
		this.lines.add("|" + "---|".repeat(columns.length));
	}

	void row(String... cells) {
		this.lines.add("| " + String.join(" | ", cells) + " |");
	}

	void note(String text) {
		this.lines.add("");
		this.lines.add(text);
	}

	@Override
	public String toString() {
		return String.join("\n", this.lines) + "\n";
	}

}
