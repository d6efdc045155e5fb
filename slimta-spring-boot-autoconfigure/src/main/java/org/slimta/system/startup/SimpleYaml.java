package org.slimta.system.startup;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML that configuration files use (block mappings and sequences, plain and quoted
 * scalars, flow sequences of scalars, block scalars, comments, several documents), read into
 * flat properties ({@code a.b[0]}) per document without a YAML library, whose loading alone
 * costs a cold JVM more than 100 ms. Anything else (anchors, aliases, tags, flow mappings,
 * plain scalars over several lines) is refused, so that the caller reads the file with a full
 * parser instead.
 */
final class SimpleYaml {

	private SimpleYaml() {
	}

	/**
	 * Read a YAML text.
	 * @param text the text
	 * @return the documents, each as properties in the order of the text
	 * @throws UnsupportedYamlException if the text uses YAML this reader does not know
	 */
	static List<Map<String, String>> read(String text) throws UnsupportedYamlException {
		List<Map<String, String>> documents = new ArrayList<>();
		Map<String, String> document = new LinkedHashMap<>();
		Deque<Frame> frames = new ArrayDeque<>();
		frames.push(Frame.root());
		String[] lines = text.split("\r?\n", -1);
		for (int number = 0; number < lines.length; number++) {
			String line = withoutComment(lines[number]);
			if (line.isBlank()) {
				continue;
			}
			if (line.startsWith("---") || line.startsWith("...")) {
				if (line.length() > 3 && !line.substring(3).isBlank()) {
					throw new UnsupportedYamlException("content after a document marker", number);
				}
				closeAll(frames, document);
				if (!document.isEmpty()) {
					documents.add(document);
				}
				document = new LinkedHashMap<>();
				frames.push(Frame.root());
				continue;
			}
			int indent = indentOf(line, number);
			String content = line.substring(indent);
			boolean item = content.equals("-") || content.startsWith("- ");
			while (frames.size() > 1 && (frames.peek().indent > indent || (frames.peek().indent == indent
					&& !(item && frames.peek().key && frames.peek().entries == 0)))) {
				close(frames.pop(), document);
			}
			Frame parent = frames.peek();
			if (item) {
				if (!parent.key || parent.entries > 0) {
					throw new UnsupportedYamlException("a sequence that is not the value of a key", number);
				}
				String path = parent.path + "[" + (parent.items++) + "]";
				String rest = content.substring(1).trim();
				Frame element = new Frame(path, indent, false);
				frames.push(element);
				if (rest.isEmpty()) {
					continue;
				}
				if (rest.startsWith("- ") || rest.equals("-")) {
					throw new UnsupportedYamlException("a sequence in a sequence", number);
				}
				int column = indent + content.indexOf(rest);
				if (keyEnd(rest) < 0) {
					number = scalar(document, path, rest, lines, number, indent);
					continue;
				}
				indent = column;
				content = rest;
				parent = element;
			}
			number = entry(document, frames, parent, content, indent, lines, number);
		}
		closeAll(frames, document);
		if (!document.isEmpty()) {
			documents.add(document);
		}
		return documents;
	}

	// A key with nothing under it is empty, as Spring Boot reads it: an empty list, not an absent one.
	private static void close(Frame frame, Map<String, String> document) {
		if (frame.key && frame.entries == 0 && frame.items == 0) {
			document.put(frame.path, "");
		}
	}

	private static void closeAll(Deque<Frame> frames, Map<String, String> document) {
		while (!frames.isEmpty()) {
			close(frames.pop(), document);
		}
	}

	private static int entry(Map<String, String> document, Deque<Frame> frames, Frame parent, String content, int indent,
			String[] lines, int number) throws UnsupportedYamlException {
		int end = keyEnd(content);
		if (end < 0) {
			throw new UnsupportedYamlException("a line that is neither 'key: value' nor '- item'", number);
		}
		if (parent.items > 0) {
			throw new UnsupportedYamlException("a key next to sequence items", number);
		}
		parent.entries++;
		String key = unquote(content.substring(0, end).trim(), number);
		String path = parent.path.isEmpty() ? key : parent.path + "." + key;
		String value = content.substring(end + 1).trim();
		if (value.isEmpty()) {
			frames.push(new Frame(path, indent, true));
			return number;
		}
		return scalar(document, path, value, lines, number, indent);
	}

	// A value on the key's line: returns the last line it took.
	private static int scalar(Map<String, String> document, String path, String value, String[] lines, int number,
			int indent) throws UnsupportedYamlException {
		char first = value.charAt(0);
		if (first == '&' || first == '*' || first == '!' || first == '{' || first == '?' || first == '@'
				|| first == '`' || value.startsWith("<<")) {
			throw new UnsupportedYamlException("'" + first + "' (anchors, aliases, tags, flow mappings)", number);
		}
		if (first == '|' || first == '>') {
			StringBuilder block = new StringBuilder();
			int next = number + 1;
			while (next < lines.length && (lines[next].isBlank() || indentOf(lines[next], next) > indent)) {
				block.append(lines[next].strip()).append('\n');
				next++;
			}
			document.put(path, block.toString().strip());
			return next - 1;
		}
		if (first == '[') {
			if (!value.endsWith("]")) {
				throw new UnsupportedYamlException("a flow sequence over several lines", number);
			}
			String inner = value.substring(1, value.length() - 1).trim();
			if (inner.contains("[") || inner.contains("{")) {
				throw new UnsupportedYamlException("a nested flow collection", number);
			}
			if (inner.isEmpty()) {
				document.put(path, "");
				return number;
			}
			int index = 0;
			for (String element : inner.split(",")) {
				document.put(path + "[" + (index++) + "]", unquote(element.trim(), number));
			}
			return number;
		}
		if (number + 1 < lines.length) {
			String next = withoutComment(lines[number + 1]);
			if (!next.isBlank() && indentOf(next, number + 1) > indent && first != '"' && first != '\'') {
				String content = next.trim();
				if (!content.startsWith("- ") && keyEnd(content) < 0) {
					throw new UnsupportedYamlException("a plain scalar over several lines", number + 1);
				}
			}
		}
		document.put(path, unquote(value, number));
		return number;
	}

	// The position of the ':' that ends a key, outside quotes and followed by a space or the end; -1 if none.
	private static int keyEnd(String content) {
		return outsideQuotes(content, ':');
	}

	// The first ':' followed by a blank (a key's end) or '#' after one (a comment), outside quoted scalars.
	private static int outsideQuotes(String text, char target) {
		char quote = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if ((c == '"' || c == '\'') && (i == 0 || " :[,-".indexOf(text.charAt(i - 1)) >= 0)) {
				quote = c;
			}
			else if (c == target && ((target == '#') ? i == 0 || Character.isWhitespace(text.charAt(i - 1))
					: i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
				return i;
			}
		}
		return -1;
	}

	private static String unquote(String value, int number) throws UnsupportedYamlException {
		if (value.length() >= 2 && value.charAt(0) == '\'' && value.endsWith("'")) {
			return value.substring(1, value.length() - 1).replace("''", "'");
		}
		if (value.length() >= 2 && value.charAt(0) == '"' && value.endsWith("\"")) {
			String inner = value.substring(1, value.length() - 1);
			if (inner.contains("\\")) {
				StringBuilder unescaped = new StringBuilder();
				for (int i = 0; i < inner.length(); i++) {
					char c = inner.charAt(i);
					if (c != '\\' || i + 1 == inner.length()) {
						unescaped.append(c);
						continue;
					}
					char escaped = inner.charAt(++i);
					switch (escaped) {
						case 'n' -> unescaped.append('\n');
						case 't' -> unescaped.append('\t');
						case '"', '\\', '/' -> unescaped.append(escaped);
						default -> throw new UnsupportedYamlException("the escape \\" + escaped, number);
					}
				}
				return unescaped.toString();
			}
			return inner;
		}
		if (value.startsWith("\"") || value.startsWith("'")) {
			throw new UnsupportedYamlException("a quoted scalar over several lines", number);
		}
		return value;
	}

	// The line without its comment: a '#' at the start or after a blank, outside quotes.
	private static String withoutComment(String line) {
		int comment = outsideQuotes(line, '#');
		return ((comment >= 0) ? line.substring(0, comment) : line).stripTrailing();
	}

	private static int indentOf(String line, int number) throws UnsupportedYamlException {
		int indent = 0;
		while (indent < line.length() && line.charAt(indent) == ' ') {
			indent++;
		}
		if (indent < line.length() && line.charAt(indent) == '\t') {
			throw new UnsupportedYamlException("a tab in the indentation", number);
		}
		return indent;
	}

	// A key whose value is on the following lines, or an element of a sequence.
	private static final class Frame {

		static Frame root() {
			return new Frame("", -1, false);
		}

		final String path;

		final int indent;

		final boolean key;

		int items;

		int entries;

		Frame(String path, int indent, boolean key) {
			this.path = path;
			this.indent = indent;
			this.key = key;
		}

	}

	/** YAML that {@link SimpleYaml} does not read. */
	static final class UnsupportedYamlException extends Exception {

		UnsupportedYamlException(String what, int line) {
			super(what + " on line " + (line + 1));
		}

	}

}
