// See include/CCryptoShim.h.
//
// libcrypto is loaded on first use (dlopen), not linked: a site without SM4 never maps it, which
// keeps about 1.4 MB out of the daemon's resident memory (docs/BENCHMARKS.md). The OpenSSL headers
// give the types and prototypes; the functions are looked up once, under pthread_once.
#include "CCryptoShim.h"

#include <dlfcn.h>
#include <limits.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    EVP_CIPHER_CTX *(*ctx_new)(void);
    void (*ctx_free)(EVP_CIPHER_CTX *);
    const EVP_CIPHER *(*sm4_ecb)(void);
    int (*cipher_init)(EVP_CIPHER_CTX *, const EVP_CIPHER *, ENGINE *, const unsigned char *, const unsigned char *, int);
    int (*set_padding)(EVP_CIPHER_CTX *, int);
    int (*update)(EVP_CIPHER_CTX *, unsigned char *, int *, const unsigned char *, int);
    int (*final)(EVP_CIPHER_CTX *, unsigned char *, int *);
    unsigned long (*get_error)(void);
    void (*error_string)(unsigned long, char *, size_t);
    int loaded;
    char failure[256];
} api;

static pthread_once_t api_once = PTHREAD_ONCE_INIT;

static void *symbol(void *handle, const char *name, int *missing) {
    void *found = dlsym(handle, name);
    if (found == NULL && !*missing) {
        *missing = 1;
        snprintf(api.failure, sizeof api.failure, "libcrypto.so.3 has no %s", name);
    }
    return found;
}

static void load_api(void) {
    void *handle = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(api.failure, sizeof api.failure, "cannot load libcrypto.so.3 (OpenSSL 3): %s", why ? why : "?");
        return;
    }
    int missing = 0;
    api.ctx_new = (EVP_CIPHER_CTX *(*)(void))symbol(handle, "EVP_CIPHER_CTX_new", &missing);
    api.ctx_free = (void (*)(EVP_CIPHER_CTX *))symbol(handle, "EVP_CIPHER_CTX_free", &missing);
    api.sm4_ecb = (const EVP_CIPHER *(*)(void))symbol(handle, "EVP_sm4_ecb", &missing);
    api.cipher_init = (int (*)(EVP_CIPHER_CTX *, const EVP_CIPHER *, ENGINE *, const unsigned char *,
                               const unsigned char *, int))symbol(handle, "EVP_CipherInit_ex", &missing);
    api.set_padding = (int (*)(EVP_CIPHER_CTX *, int))symbol(handle, "EVP_CIPHER_CTX_set_padding", &missing);
    api.update = (int (*)(EVP_CIPHER_CTX *, unsigned char *, int *, const unsigned char *, int))
        symbol(handle, "EVP_CipherUpdate", &missing);
    api.final = (int (*)(EVP_CIPHER_CTX *, unsigned char *, int *))symbol(handle, "EVP_CipherFinal_ex", &missing);
    api.get_error = (unsigned long (*)(void))symbol(handle, "ERR_get_error", &missing);
    api.error_string = (void (*)(unsigned long, char *, size_t))symbol(handle, "ERR_error_string_n", &missing);
    api.loaded = !missing;
}

static int ready(void) {
    pthread_once(&api_once, load_api);
    return api.loaded;
}

int cmmgate_sm4_ecb(const uint8_t key[16], int encrypt,
                    const uint8_t *input, uint8_t *output, size_t length) {
    if (length % 16 != 0 || length > INT_MAX || !ready()) return 0;
    EVP_CIPHER_CTX *ctx = api.ctx_new();
    if (ctx == NULL) return 0;
    int ok = api.cipher_init(ctx, api.sm4_ecb(), NULL, key, NULL, encrypt ? 1 : 0);
    if (ok) ok = api.set_padding(ctx, 0);
    int written = 0, final_written = 0;
    if (ok) ok = api.update(ctx, output, &written, input, (int)length);
    if (ok) ok = api.final(ctx, output + written, &final_written);
    api.ctx_free(ctx);
    return ok && (size_t)(written + final_written) == length;
}

void cmmgate_crypto_last_error(char *buffer, size_t capacity) {
    if (capacity == 0) return;
    if (!ready()) {
        snprintf(buffer, capacity, "%s", api.failure);
        return;
    }
    unsigned long code = api.get_error();
    if (code == 0) { buffer[0] = '\0'; return; }
    api.error_string(code, buffer, capacity);
}
