/*
 * cfloor: the C floor of `tsbench reads` (docs/performance.md). A minimal libdbus service with
 * no object model behind it: what a D-Bus service written straight against libdbus costs.
 *
 *   cfloor BUS-ADDRESS NAME
 *
 * It owns NAME on the bus at BUS-ADDRESS and answers, on any object path:
 *   org.freedesktop.DBus.Properties.Get(s interface, s property) -> v: a string variant;
 *   org.tsprovider.BenchFloor1.Text(u length) -> s: a string of `length` bytes, kept between
 *     calls (the floor of a call returning a stored document, as GetSequence does).
 * Anything else gets org.freedesktop.DBus.Error.UnknownMethod. It prints "ready" on stdout once
 * it owns the name and ends when the bus connection closes or on SIGTERM.
 *
 * Built by tsbench at run time: cc -O2 cfloor.c $(pkg-config --cflags --libs dbus-1).
 */
#include <dbus/dbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *floorInterface = "org.tsprovider.BenchFloor1";
static const char *propertyValue = "Deploy workstation";

/* The text Text returns; grown, never shrunk, as lengths are asked for. */
static char *text = NULL;
static size_t textCapacity = 0;

static const char *textOfLength(size_t length) {
    if (length + 1 > textCapacity) {
        char *grown = realloc(text, length + 1);
        if (grown == NULL) return NULL;
        text = grown;
        textCapacity = length + 1;
    }
    memset(text, 'x', length);
    text[length] = '\0';
    return text;
}

static DBusMessage *propertyReply(DBusMessage *call) {
    const char *interface = NULL, *property = NULL;
    if (!dbus_message_get_args(call, NULL, DBUS_TYPE_STRING, &interface, DBUS_TYPE_STRING, &property, DBUS_TYPE_INVALID)) {
        return dbus_message_new_error(call, DBUS_ERROR_INVALID_ARGS, "Get takes (ss)");
    }
    DBusMessage *reply = dbus_message_new_method_return(call);
    if (reply == NULL) return NULL;
    DBusMessageIter arguments, variant;
    dbus_message_iter_init_append(reply, &arguments);
    if (!dbus_message_iter_open_container(&arguments, DBUS_TYPE_VARIANT, DBUS_TYPE_STRING_AS_STRING, &variant)
        || !dbus_message_iter_append_basic(&variant, DBUS_TYPE_STRING, &propertyValue)
        || !dbus_message_iter_close_container(&arguments, &variant)) {
        dbus_message_unref(reply);
        return NULL;
    }
    return reply;
}

static DBusMessage *textReply(DBusMessage *call) {
    dbus_uint32_t length = 0;
    if (!dbus_message_get_args(call, NULL, DBUS_TYPE_UINT32, &length, DBUS_TYPE_INVALID)) {
        return dbus_message_new_error(call, DBUS_ERROR_INVALID_ARGS, "Text takes (u)");
    }
    const char *body = textOfLength(length);
    if (body == NULL) return dbus_message_new_error(call, DBUS_ERROR_NO_MEMORY, "no memory for the text");
    DBusMessage *reply = dbus_message_new_method_return(call);
    if (reply != NULL && !dbus_message_append_args(reply, DBUS_TYPE_STRING, &body, DBUS_TYPE_INVALID)) {
        dbus_message_unref(reply);
        return NULL;
    }
    return reply;
}

static void answer(DBusConnection *connection, DBusMessage *call) {
    if (dbus_message_get_type(call) != DBUS_MESSAGE_TYPE_METHOD_CALL) return;
    DBusMessage *reply;
    if (dbus_message_is_method_call(call, DBUS_INTERFACE_PROPERTIES, "Get")) {
        reply = propertyReply(call);
    } else if (dbus_message_is_method_call(call, floorInterface, "Text")) {
        reply = textReply(call);
    } else {
        reply = dbus_message_new_error(call, DBUS_ERROR_UNKNOWN_METHOD, "cfloor answers Properties.Get and Text only");
    }
    if (reply == NULL) return;
    if (!dbus_message_get_no_reply(call)) dbus_connection_send(connection, reply, NULL);
    dbus_message_unref(reply);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: cfloor BUS-ADDRESS NAME\n");
        return 2;
    }
    DBusError error;
    dbus_error_init(&error);
    DBusConnection *connection = dbus_connection_open_private(argv[1], &error);
    if (connection == NULL || !dbus_bus_register(connection, &error)) {
        fprintf(stderr, "cfloor: cannot connect to %s: %s\n", argv[1], error.message ? error.message : "unknown error");
        return 1;
    }
    int owned = dbus_bus_request_name(connection, argv[2], DBUS_NAME_FLAG_DO_NOT_QUEUE, &error);
    if (owned != DBUS_REQUEST_NAME_REPLY_PRIMARY_OWNER) {
        fprintf(stderr, "cfloor: cannot own %s: %s\n", argv[2], error.message ? error.message : "already owned");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    while (dbus_connection_read_write(connection, -1)) {
        DBusMessage *call;
        while ((call = dbus_connection_pop_message(connection)) != NULL) {
            answer(connection, call);
            dbus_message_unref(call);
        }
    }
    dbus_connection_close(connection);
    dbus_connection_unref(connection);
    free(text);
    return 0;
}
