// Exponential, logarithm and tanh that give the same bits on every platform.
//
// glibc's libm (native builds) and the libm Emscripten links into WebAssembly round some results
// of exp and tanh differently in the last bit; in a chaotic map or a long training run one ulp
// grows until two builds disagree. These versions use only +, −, ×, ÷, floor and exact power-of-
// two scaling, which IEEE 754 defines bit for bit, with a few ulps of accuracy.
#pragma once

namespace dendrites {

double Exp(double x);    // e^x; +inf above 709.78, 0 below −745.1, NaN for NaN
double Expm1(double x);  // e^x − 1, accurate for small |x|
double Log(double x);    // natural logarithm; −inf at 0, NaN for negative x
double Tanh(double x);   // hyperbolic tangent, odd, ±1 beyond |x| = 19.1

}  // namespace dendrites
