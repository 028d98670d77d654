// See include/CCryptoShim.h.
#include "CCryptoShim.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <limits.h>

int cmmgate_sm4_ecb(const uint8_t key[16], int encrypt,
                    const uint8_t *input, uint8_t *output, size_t length) {
    if (length % 16 != 0 || length > INT_MAX) return 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (ctx == NULL) return 0;
    int ok = EVP_CipherInit_ex(ctx, EVP_sm4_ecb(), NULL, key, NULL, encrypt ? 1 : 0);
    if (ok) ok = EVP_CIPHER_CTX_set_padding(ctx, 0);
    int written = 0, final_written = 0;
    if (ok) ok = EVP_CipherUpdate(ctx, output, &written, input, (int)length);
    if (ok) ok = EVP_CipherFinal_ex(ctx, output + written, &final_written);
    EVP_CIPHER_CTX_free(ctx);
    return ok && (size_t)(written + final_written) == length;
}

void cmmgate_crypto_last_error(char *buffer, size_t capacity) {
    if (capacity == 0) return;
    unsigned long code = ERR_get_error();
    if (code == 0) { buffer[0] = '\0'; return; }
    ERR_error_string_n(code, buffer, capacity);
}
