#include "t.h"
void suite_geo(void);
void
suite_geo(void)
{
}
