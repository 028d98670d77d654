// CGPIOShim: one GPIO output line through libgpiod, for the RS-485 DE/RE pin.
//
// Debian 12 ships libgpiod v1 (gpiod_chip_open_lookup, gpiod_line_request_output); libgpiod 2
// replaced that API with line settings, line configs and line requests. The shim hides the
// difference: which API is compiled is decided by the preprocessor (see CGPIOShim.c).
// Functions return 0 / a handle on success and -1 / NULL with errno set on failure.
#ifndef CMMGATE_CGPIOSHIM_H
#define CMMGATE_CGPIOSHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/// An output line requested from a GPIO chip (opaque; owns the chip handle and the request).
typedef struct cmmgate_gpio_output cmmgate_gpio_output;

/// The libgpiod major version this shim was compiled against (1 or 2).
int cmmgate_gpio_api_version(void);

/// Opens `chip` (a name such as "gpiochip0", a number, or a /dev path) and requests line
/// `offset` as an output driven to `initial_value` (0 or 1), owned by `consumer`.
/// Returns NULL with errno set when the chip or line cannot be had.
cmmgate_gpio_output *cmmgate_gpio_request_output(const char *chip, unsigned int offset,
                                                 const char *consumer, int initial_value);

/// Drives the line to `value` (0 or 1): gpiod_line_set_value (v1) /
/// gpiod_line_request_set_value (v2).
int cmmgate_gpio_set(cmmgate_gpio_output *output, int value);

/// Releases the line and closes the chip. NULL is ignored.
void cmmgate_gpio_release(cmmgate_gpio_output *output);

#ifdef __cplusplus
}
#endif
#endif
