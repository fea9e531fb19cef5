/* UTF-8 decoding and validation (base layer). */
#ifndef ISMS_UTF8_H
#define ISMS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one code point at s (len bytes available). Stores it in *out and returns
 * the number of bytes used, or 0 on an invalid/truncated sequence (then *out=0xFFFD). */
size_t isms_utf8_decode(const char *s, size_t len, uint32_t *out);
/* Encode cp into out (at least 4 bytes); returns bytes written. */
size_t isms_utf8_encode(uint32_t cp, char *out);
/* Byte offset of the first invalid sequence, or (size_t)-1 when s is valid UTF-8. */
size_t isms_utf8_invalid_at(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t isms_utf8_length(const char *s);

#endif
