package io.portal.console.identity;

/** The Luhn mod 32 check character appended to each 13-character group of a Portal ID (see docs/identity.md). */
public final class CheckCharacter {
    private CheckCharacter() {
    }

    public static char of(CharSequence group) {
        int factor = 1;
        int sum = 0;
        for (int i = 0; i < group.length(); i++) {
            int codePoint = Base32.ALPHABET.indexOf(group.charAt(i));
            if (codePoint < 0) {
                throw new IllegalArgumentException("not a base32 character: " + group.charAt(i));
            }
            int addend = factor * codePoint;
            factor = factor == 2 ? 1 : 2;
            addend = addend / 32 + addend % 32;
            sum += addend;
        }
        return Base32.ALPHABET.charAt((32 - sum % 32) % 32);
    }
}
