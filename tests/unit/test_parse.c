#include "t.h"
void suite_parse(void);
void
suite_parse(void)
{
}
