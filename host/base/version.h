/* version.h - the huikan version string. */
#ifndef HK_VERSION_H
#define HK_VERSION_H
#define HK_VERSION "0.1.0"
#endif
