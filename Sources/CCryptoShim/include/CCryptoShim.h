// CCryptoShim: thin, non-variadic wrappers over libcrypto (OpenSSL 3) for the
// algorithms CMMGate uses. Opaque EVP contexts stay on the C side; Swift sees
// plain byte buffers and int results (1 = success, 0 = failure). libcrypto.so.3 is
// loaded on first use (dlopen): a failure to load it is reported like any other
// libcrypto failure, through cmmgate_crypto_last_error.
#ifndef CMMGATE_CCRYPTOSHIM_H
#define CMMGATE_CCRYPTOSHIM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// SM4 (GB/T 32907) in ECB mode without padding over `length` bytes (a multiple of 16).
/// `encrypt` is 1 to encrypt, 0 to decrypt. Uses EVP_CipherInit_ex2 with EVP_sm4_ecb().
/// Returns 1 on success, 0 on failure (then cmmgate_crypto_last_error describes it).
int cmmgate_sm4_ecb(const uint8_t key[16], int encrypt,
                    const uint8_t *input, uint8_t *output, size_t length);

/// The text of libcrypto's most recent error on this thread (ERR_get_error +
/// ERR_error_string_n) into `buffer`; empty when there is none.
void cmmgate_crypto_last_error(char *buffer, size_t capacity);

#ifdef __cplusplus
}
#endif
#endif
