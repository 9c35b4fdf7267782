package io.partscope.core.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into tokens the way PostgreSQL's scanner (scan.l) does, as far as Partscope needs it: where literals,
 * quoted identifiers and comments begin and end, and which words are bare. Any character from U+0080 up is an
 * identifier character (the server takes every byte >= 0x80 as one), so {@code x€$$} is one identifier and not the
 * start of a dollar quote; {@code E'...'} honours backslash escapes, and so does {@code '...'} when
 * {@code standard_conforming_strings} is off; {@code U&'...'} does not; block comments nest.
 *
 * <p>It decides nothing about safety on its own: what is sent is checked again by the driver's own parser and by the
 * server (see {@link ExplainSession}). It finds the leading keywords, the trailing semicolon, the name of an EXECUTE
 * and the body of a PREPARE.
 */
final class SqlLexer {
    enum Kind {
        /** A bare identifier or keyword (also a number). */
        WORD,
        /** {@code "..."} or {@code U&"..."}. */
        QUOTED_IDENTIFIER,
        /** Any string literal: {@code '...'}, {@code E'...'}, {@code U&'...'}, {@code B'...'}, {@code X'...'}, {@code N'...'}. */
        STRING,
        /** {@code $tag$...$tag$}. */
        DOLLAR_STRING,
        /** {@code -- ...} or a (nested) block comment. */
        COMMENT,
        /** Any other character: an operator, a parenthesis, a semicolon, {@code $1}... */
        OTHER
    }

    /** One token: its kind and where it is in the text ({@code end} exclusive). */
    record Token(Kind kind, int start, int end, String text) {
        boolean isWord(String upper) {
            return kind == Kind.WORD && text.equalsIgnoreCase(upper);
        }

        boolean isChar(char c) {
            return kind == Kind.OTHER && text.length() == 1 && text.charAt(0) == c;
        }

        /** What a literal or quoted identifier holds, quotes removed (escapes left as written). */
        String body() {
            return switch (kind) {
                case STRING, QUOTED_IDENTIFIER -> {
                    int open = text.indexOf(kind == Kind.STRING ? '\'' : '"');
                    yield text.substring(open + 1, Math.max(open + 1, text.length() - 1));
                }
                case DOLLAR_STRING -> {
                    int tagEnd = text.indexOf('$', 1) + 1;
                    yield text.substring(tagEnd, Math.max(tagEnd, text.length() - tagEnd));
                }
                default -> text;
            };
        }
    }

    private final String text;
    private final boolean standardConformingStrings;
    private final List<Token> tokens = new ArrayList<>();

    private SqlLexer(String text, boolean standardConformingStrings) {
        this.text = text;
        this.standardConformingStrings = standardConformingStrings;
    }

    /** Every token but whitespace, in order. An unterminated literal or comment runs to the end of the text. */
    static List<Token> tokens(String text, boolean standardConformingStrings) {
        SqlLexer lexer = new SqlLexer(text, standardConformingStrings);
        lexer.scan();
        return lexer.tokens;
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '$';
    }

    /** A dollar-quote tag character: as an identifier's, but without {@code $}. */
    private static boolean isTagPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private void scan() {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                int end = text.indexOf('\n', i);
                i = add(Kind.COMMENT, i, end < 0 ? n : end);
            } else if (c == '/' && next == '*') {
                i = add(Kind.COMMENT, i, blockCommentEnd(i));
            } else if (c == '\'') {
                i = add(Kind.STRING, i, stringEnd(i, !standardConformingStrings));
            } else if (c == '"') {
                i = add(Kind.QUOTED_IDENTIFIER, i, quotedEnd(i, '"', false));
            } else if ((c == 'E' || c == 'e') && next == '\'') {
                i = add(Kind.STRING, i, stringEnd(i + 1, true));
            } else if ((c == 'U' || c == 'u') && next == '&' && i + 2 < n
                    && (text.charAt(i + 2) == '\'' || text.charAt(i + 2) == '"')) {
                boolean string = text.charAt(i + 2) == '\'';
                i = add(string ? Kind.STRING : Kind.QUOTED_IDENTIFIER, i,
                        string ? stringEnd(i + 2, false) : quotedEnd(i + 2, '"', false));
            } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x') && next == '\'') {
                i = add(Kind.STRING, i, stringEnd(i + 1, false));
            } else if ((c == 'N' || c == 'n') && next == '\'') {
                // a national character literal is an ordinary literal, standard_conforming_strings included
                i = add(Kind.STRING, i, stringEnd(i + 1, !standardConformingStrings));
            } else if (isIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && isIdentifierPart(text.charAt(end))) {
                    end++;
                }
                i = add(Kind.WORD, i, end);
            } else if (c >= '0' && c <= '9') {
                // A number, and (PostgreSQL 15 and older) an identifier right after it; never a '$', so that
                // 1$$...$$ is a number and a dollar quote as the server reads it.
                int end = i + 1;
                while (end < n && ((text.charAt(end) >= '0' && text.charAt(end) <= '9') || text.charAt(end) == '.')) {
                    end++;
                }
                if (end < n && isIdentifierStart(text.charAt(end))) {
                    while (end < n && isIdentifierPart(text.charAt(end))) {
                        end++;
                    }
                }
                i = add(Kind.WORD, i, end);
            } else if (c == '$') {
                int tagEnd = dollarTagEnd(i);
                if (tagEnd < 0) {
                    i = add(Kind.OTHER, i, i + 1); // $1, or a lone $
                } else {
                    String tag = text.substring(i, tagEnd);
                    int close = text.indexOf(tag, tagEnd);
                    i = add(Kind.DOLLAR_STRING, i, close < 0 ? n : close + tag.length());
                }
            } else {
                i = add(Kind.OTHER, i, i + 1);
            }
        }
    }

    private int add(Kind kind, int start, int end) {
        tokens.add(new Token(kind, start, end, text.substring(start, end)));
        return end;
    }

    /** The end of {@code $tag$} starting at {@code start}, or -1 when it is not a dollar-quote delimiter. */
    private int dollarTagEnd(int start) {
        int i = start + 1;
        if (i < text.length() && text.charAt(i) == '$') {
            return i + 1;
        }
        if (i >= text.length() || !isIdentifierStart(text.charAt(i))) {
            return -1;
        }
        while (i < text.length() && isTagPart(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
    }

    private int blockCommentEnd(int start) {
        int depth = 0;
        int i = start;
        while (i < text.length()) {
            if (text.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (text.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /**
     * The end of a string literal whose opening quote is at {@code quote}, including the segments that continue
     * it ({@code 'a'} newline {@code 'b'} is one literal, and the continuation keeps the first segment's escapes).
     */
    private int stringEnd(int quote, boolean backslashEscapes) {
        int end = quotedEnd(quote, '\'', backslashEscapes);
        while (end < text.length()) {
            int j = end;
            boolean newline = false;
            while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
                newline |= text.charAt(j) == '\n' || text.charAt(j) == '\r';
                j++;
            }
            if (!newline || j >= text.length() || text.charAt(j) != '\'') {
                return end;
            }
            end = quotedEnd(j, '\'', backslashEscapes);
        }
        return end;
    }

    private int quotedEnd(int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }
}
