#include "t.h"
void suite_csv(void);
void
suite_csv(void)
{
}
