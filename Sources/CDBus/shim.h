#ifndef TSPROVIDER_CDBUS_SHIM_H
#define TSPROVIDER_CDBUS_SHIM_H
#include <dbus/dbus.h>
#endif
