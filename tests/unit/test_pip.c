#include "t.h"
void suite_pip(void);
void
suite_pip(void)
{
}
