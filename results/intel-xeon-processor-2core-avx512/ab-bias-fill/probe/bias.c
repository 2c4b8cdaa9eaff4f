#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <dlfcn.h>
typedef void (*sgemm_t)(int,int,int,int,int,int,float,const float*,int,const float*,int,float,float*,int);
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1e6+t.tv_nsec/1e3;}
static int cmp(const void*a,const void*b){double x=*(double*)a,y=*(double*)b;return x<y?-1:x>y;}
static sgemm_t g;
static float *X,*W,*Z,*ones,*bias;
static int B,IN,OUT;
static void bias_gemm(){ g(101,111,111,B,OUT,1,1.f,ones,1,bias,OUT,0.f,Z,OUT); }
static void bias_doubling(){ memcpy(Z,bias,sizeof(float)*OUT); long done=1; while(done<B){ long n=done<B-done?done:B-done; memcpy(Z+done*OUT,Z,sizeof(float)*OUT*n); done+=n; } }
static void bias_rows(){ for(int r=0;r<B;r++) memcpy(Z+(long)r*OUT,bias,sizeof(float)*OUT); }
static void fwd(void(*b)(void)){ b(); g(101,111,112,B,OUT,IN,1.f,X,IN,W,IN,1.f,Z,OUT); }
static double timeit(void(*f)(void),int reps){ double*t=malloc(sizeof(double)*reps); for(int i=0;i<reps/4+2;i++)f(); for(int i=0;i<reps;i++){double t0=now();f();t[i]=now()-t0;} qsort(t,reps,sizeof(double),cmp); double m=t[reps/2]; free(t); return m;}
static void f_gemm(){fwd(bias_gemm);} static void f_doub(){fwd(bias_doubling);} static void f_rows(){fwd(bias_rows);}
int main(int argc,char**argv){
  void*h=dlopen(argv[1],RTLD_NOW|RTLD_LOCAL); g=(sgemm_t)dlsym(h,"cblas_sgemm"); ((void(*)(int))dlsym(h,"openblas_set_num_threads"))(atoi(argv[2]));
  B=atoi(argv[3]); OUT=atoi(argv[4]); IN=784;
  X=malloc(4L*B*IN); W=malloc(4L*OUT*IN); Z=malloc(4L*B*OUT); ones=malloc(4L*B); bias=malloc(4L*OUT);
  for(long i=0;i<(long)B*IN;i++)X[i]=(i%7)*.01f; for(long i=0;i<(long)OUT*IN;i++)W[i]=(i%5)*.01f; for(int i=0;i<B;i++)ones[i]=1; for(int i=0;i<OUT;i++)bias[i]=i*.001f;
  int reps=B*OUT>200000?200:2000;
  for(int round=0;round<3;round++)
  printf("threads %s %dx%d round %d: bias gemm %.1f doubling %.1f rows %.1f | forward with gemm-bias %.1f doubling %.1f rows %.1f\n",argv[2],B,OUT,round,
    timeit(bias_gemm,reps),timeit(bias_doubling,reps),timeit(bias_rows,reps),timeit(f_gemm,reps/4+10),timeit(f_doub,reps/4+10),timeit(f_rows,reps/4+10));
}
