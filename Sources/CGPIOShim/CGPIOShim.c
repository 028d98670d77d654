// See include/CGPIOShim.h. API detection: GPIOD_LINE_BULK_MAX_LINES is a macro that only
// libgpiod v1's gpiod.h defines (the v1 request enums such as
// GPIOD_LINE_REQUEST_DIRECTION_OUTPUT are enum constants, invisible to the preprocessor).
#include "CGPIOShim.h"

#include <errno.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(GPIOD_LINE_BULK_MAX_LINES)
#define CMMGATE_GPIOD_V1 1
#else
#define CMMGATE_GPIOD_V1 0
#endif

struct cmmgate_gpio_output {
    struct gpiod_chip *chip;
#if CMMGATE_GPIOD_V1
    struct gpiod_line *line;
#else
    struct gpiod_line_request *request;
    unsigned int offset;
#endif
};

int cmmgate_gpio_api_version(void) { return CMMGATE_GPIOD_V1 ? 1 : 2; }

#if CMMGATE_GPIOD_V1

cmmgate_gpio_output *cmmgate_gpio_request_output(const char *chip, unsigned int offset,
                                                 const char *consumer, int initial_value) {
    cmmgate_gpio_output *output = calloc(1, sizeof *output);
    if (output == NULL) return NULL;
    output->chip = gpiod_chip_open_lookup(chip);
    if (output->chip == NULL) goto fail;
    output->line = gpiod_chip_get_line(output->chip, offset);
    if (output->line == NULL) goto fail;
    if (gpiod_line_request_output(output->line, consumer, initial_value ? 1 : 0) != 0) {
        output->line = NULL;
        goto fail;
    }
    return output;
fail: {
        int saved = errno;
        if (output->chip != NULL) gpiod_chip_close(output->chip);
        free(output);
        errno = saved;
        return NULL;
    }
}

int cmmgate_gpio_set(cmmgate_gpio_output *output, int value) {
    return gpiod_line_set_value(output->line, value ? 1 : 0);
}

void cmmgate_gpio_release(cmmgate_gpio_output *output) {
    if (output == NULL) return;
    if (output->line != NULL) gpiod_line_release(output->line);
    gpiod_chip_close(output->chip);
    free(output);
}

#else  // libgpiod 2

static struct gpiod_chip *open_chip_v2(const char *chip) {
    char path[256];
    if (chip[0] == '/') return gpiod_chip_open(chip);
    if (chip[0] >= '0' && chip[0] <= '9') snprintf(path, sizeof path, "/dev/gpiochip%s", chip);
    else snprintf(path, sizeof path, "/dev/%s", chip);
    return gpiod_chip_open(path);
}

static struct gpiod_line_request *request_v2(struct gpiod_chip *chip, unsigned int offset,
                                             const char *consumer, int initial_value) {
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    struct gpiod_line_config *line_config = gpiod_line_config_new();
    struct gpiod_request_config *request_config = gpiod_request_config_new();
    struct gpiod_line_request *request = NULL;
    if (settings && line_config && request_config) {
        gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
        gpiod_line_settings_set_output_value(
            settings, initial_value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
        gpiod_request_config_set_consumer(request_config, consumer);
        if (gpiod_line_config_add_line_settings(line_config, &offset, 1, settings) == 0)
            request = gpiod_chip_request_lines(chip, request_config, line_config);
    }
    int saved = errno;
    gpiod_request_config_free(request_config);
    gpiod_line_config_free(line_config);
    gpiod_line_settings_free(settings);
    errno = saved;
    return request;
}

cmmgate_gpio_output *cmmgate_gpio_request_output(const char *chip, unsigned int offset,
                                                 const char *consumer, int initial_value) {
    cmmgate_gpio_output *output = calloc(1, sizeof *output);
    if (output == NULL) return NULL;
    output->offset = offset;
    output->chip = open_chip_v2(chip);
    if (output->chip != NULL)
        output->request = request_v2(output->chip, offset, consumer, initial_value);
    if (output->request == NULL) {
        int saved = errno;
        if (output->chip != NULL) gpiod_chip_close(output->chip);
        free(output);
        errno = saved;
        return NULL;
    }
    return output;
}

int cmmgate_gpio_set(cmmgate_gpio_output *output, int value) {
    return gpiod_line_request_set_value(output->request, output->offset,
                                        value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
}

void cmmgate_gpio_release(cmmgate_gpio_output *output) {
    if (output == NULL) return;
    gpiod_line_request_release(output->request);
    gpiod_chip_close(output->chip);
    free(output);
}

#endif
