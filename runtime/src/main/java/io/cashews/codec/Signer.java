package io.cashews.codec;

import io.cashews.UnsecureDataException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code secret} + {@code digestmod}: signs {@code key + payload} and prefixes the payload with
 * {@code <digestmod>:<hex signature>_}. Verification reads the digest named in the data (so data
 * signed with another digestmod of the same secret still verifies) and compares in constant time.
 */
final class Signer {

    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, String> MACS = Map.of("md5", "HmacMD5", "sha1", "HmacSHA1", "sha256", "HmacSHA256");
    // The header is short: a digest name, ':' and at most 64 hex digits.
    private static final int MAX_HEADER = 80;

    private final byte[] secret;
    private final String digestmod;
    private final long secretSum;
    private final Map<String, ThreadLocal<Mac>> macs;

    private Signer(byte[] secret, String digestmod) {
        this.secret = secret;
        this.digestmod = digestmod;
        long sum = 0;
        for (byte b : secret) {
            sum += b & 0xff;
        }
        this.secretSum = sum;
        this.macs = Map.of(
                "md5", ThreadLocal.withInitial(() -> mac("HmacMD5")),
                "sha1", ThreadLocal.withInitial(() -> mac("HmacSHA1")),
                "sha256", ThreadLocal.withInitial(() -> mac("HmacSHA256")));
    }

    /**
     * Creates a signer.
     *
     * @param secret the {@code secret} option, not empty
     * @param digestmod the {@code digestmod} option: {@code md5}, {@code sha1}, {@code sha256} or {@code sum}
     * @return the signer
     * @throws IllegalArgumentException naming the option when one is invalid
     */
    static Signer of(String secret, String digestmod) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("option 'secret' must not be empty");
        }
        String mod = digestmod.toLowerCase(Locale.ROOT);
        if (!MACS.containsKey(mod) && !mod.equals("sum")) {
            throw new IllegalArgumentException("option 'digestmod' must be one of md5, sha1, sha256, sum, got \"" + digestmod + "\"");
        }
        return new Signer(secret.getBytes(StandardCharsets.UTF_8), mod);
    }

    private Mac mac(String algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no " + algorithm + ": " + e, e);
        }
    }

    private byte[] signature(String mod, byte[] key, byte[] data, int offset) {
        if (mod.equals("sum")) {
            long sum = secretSum;
            for (byte b : key) {
                sum += b & 0xff;
            }
            for (int i = offset; i < data.length; i++) {
                sum += data[i] & 0xff;
            }
            return Long.toHexString(sum).getBytes(StandardCharsets.US_ASCII);
        }
        Mac mac = macs.get(mod).get();
        mac.update(key);
        mac.update(data, offset, data.length - offset);
        return HEX.formatHex(mac.doFinal()).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Signs a payload.
     *
     * @param key the cache key the payload is stored under
     * @param payload the (compressed) payload
     * @return {@code <digestmod>:<hex>_<payload>}
     */
    byte[] sign(String key, byte[] payload) {
        byte[] sig = signature(digestmod, key.getBytes(StandardCharsets.UTF_8), payload, 0);
        byte[] mod = digestmod.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[mod.length + 1 + sig.length + 1 + payload.length];
        System.arraycopy(mod, 0, out, 0, mod.length);
        out[mod.length] = ':';
        System.arraycopy(sig, 0, out, mod.length + 1, sig.length);
        out[mod.length + 1 + sig.length] = '_';
        System.arraycopy(payload, 0, out, mod.length + sig.length + 2, payload.length);
        return out;
    }

    /**
     * Checks a signed value.
     *
     * @param key the key it was read from
     * @param data the stored bytes
     * @return the offset of the payload after a valid signature, or {@code -1} when the data
     *     carries no signature at all (a miss)
     * @throws UnsecureDataException if the signature is wrong or names an unknown digest
     */
    int verify(String key, byte[] data) {
        int underscore = -1;
        int colon = -1;
        for (int i = 0; i < Math.min(data.length, MAX_HEADER); i++) {
            byte b = data[i];
            if (b == '_') {
                underscore = i;
                break;
            }
            if (colon >= 0) {
                continue;
            }
            if (b == ':') {
                colon = i;
            } else if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'z')) {
                // Not a signature header (every unsigned payload starts with an upper-case tag):
                // data written without a secret, never trusted.
                return -1;
            }
        }
        if (underscore < 0) {
            return -1;
        }
        String mod;
        int sigStart;
        if (colon >= 0) {
            mod = new String(data, 0, colon, StandardCharsets.US_ASCII);
            sigStart = colon + 1;
        } else {
            if (!isLowerHex(data, 0, underscore)) {
                return -1;
            }
            mod = digestmod;
            sigStart = 0;
        }
        if (!MACS.containsKey(mod) && !mod.equals("sum")) {
            throw new UnsecureDataException("the value of key '" + key + "' is signed with an unknown digest '"
                    + mod + "'; it is not returned");
        }
        byte[] expected = signature(mod, key.getBytes(StandardCharsets.UTF_8), data, underscore + 1);
        byte[] actual = Arrays.copyOfRange(data, sigStart, underscore);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new UnsecureDataException("the value of key '" + key + "' has a wrong " + mod
                    + " signature (tampered with, or copied from another key); it is not returned");
        }
        return underscore + 1;
    }

    private static boolean isLowerHex(byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = data[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Signer[" + digestmod + "]";
    }
}
